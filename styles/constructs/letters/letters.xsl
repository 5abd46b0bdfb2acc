<?xml version="1.0" encoding="UTF-8"?>
<!-- Letters and their parts: opener, closer, postscript, epigraph, argument (salute, dateline, signed are set by structure). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:epigraph | tei:argument">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$flow = 'y'">
        <div class="{local-name()}"><xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
